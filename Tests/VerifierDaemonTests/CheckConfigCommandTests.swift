import Foundation
import TestSupport
import Testing

@Suite("verifierd check-config")
struct CheckConfigCommandTests {
  static func write(_ json: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "check-config-\(UUID().uuidString).json"
    ).path
    try json.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  static func verifierd(_ arguments: [String], environment: [String: String]) async throws
    -> ChildProcess.Result
  {
    try await RunningChild.start(MigrateCommandTests.verifierd, arguments, environment: environment)
      .wait()
  }

  @Test("a valid configuration prints every key with its origin, secrets redacted; exit 0")
  func valid() async throws {
    let path = try Self.write(#"{"max_in_flight": 12, "finicity": {"partner_id": "p-1"}}"#)
    let result = try await Self.verifierd(
      ["check-config", "--config", path],
      environment: [
        "VERIFIERD_CLAIM_BATCH": "5", "VERIFIERD_FINICITY_PARTNER_SECRET": "cc-secret-1",
        "VERIFIERD_FINICITY_APP_KEY": "cc-secret-2", "VERIFIERD_FOLIO_SHARED_SECRET": "cc-secret-3",
        "VERIFIERD_DATABASE_URL": "postgresql://u:cc-secret-4@localhost/db",
      ])
    #expect(result.status == 0, "\(result.errors)")
    #expect(result.output.contains("max_in_flight"))
    #expect(result.output.contains("= 12  (file)"))
    #expect(result.output.contains("= 5  (environment VERIFIERD_CLAIM_BATCH)"))
    #expect(result.output.contains("<redacted>"))
    for secret in ["cc-secret-1", "cc-secret-2", "cc-secret-3", "cc-secret-4"] {
      #expect(!result.output.contains(secret))
      #expect(!result.errors.contains(secret))
    }
  }

  @Test("a bad configuration names each bad key on stderr; check-config and run exit 78")
  func invalid() async throws {
    let path = try Self.write(
      #"{"lease_seconds": -1, "listen": "yes", "finicity": {"app_key": "cc-secret-5"}}"#)
    for command in ["check-config", "run"] {
      let result = try await Self.verifierd(
        [command, "--config", path], environment: ["VERIFIERD_MAX_IN_FLIGHT": "0"])
      #expect(result.status == 78, "\(command): \(result.errors)")
      #expect(result.errors.contains("4 problems"), "\(result.errors)")
      for key in ["lease_seconds", "listen", "finicity.app_key", "max_in_flight"] {
        #expect(result.errors.contains("  \(key) ("), "\(command) names \(key)")
      }
      #expect(!result.errors.contains("cc-secret-5"))
    }
  }
}
