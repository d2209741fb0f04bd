import Foundation
import JobQueue
import TestSupport

/// The secrets the leak test hands `verifierd run`, and how it hands them over.
///
/// Every secret starts with ``prefix``, so a truncated or partly masked secret is caught as well as
/// a whole one. They hold only letters, digits and `-`, so JSON escaping or percent-encoding would
/// not disguise them.
struct LeakSecrets: Sendable {
  /// Where `verifierd run` reads its secrets from.
  enum Source: Sendable {
    /// `FINICITY_PARTNER_SECRET`, `FINICITY_APP_KEY`, `FOLIO_SHARED_SECRET`; the database password
    /// inside the database URL.
    case environment
    /// systemd credentials: files named `finicity-partner-secret`, `finicity-app-key`,
    /// `folio-shared-secret` and `database-password` in `$CREDENTIALS_DIRECTORY`; the database
    /// URL carries no password.
    case credentialsDirectory
  }

  /// How the test passes secrets: as systemd does (`.environment` is the other way in).
  static let source = Source.credentialsDirectory

  /// Shared by every secret: it must appear nowhere.
  static let prefix = "LEAKCHECK"

  let partnerSecret = "\(Self.prefix)-partner-7f3a91c2e4b8d605"
  let appKey = "\(Self.prefix)-appkey-2b9e64d1a7c3f058"
  let folioSharedSecret = "\(Self.prefix)-folio-c81d5e3f9a2b7604"
  let databasePassword = "\(Self.prefix)-dbpass-5e07a3b9d2c4f186"
  /// The webhook endpoint `leak`'s secret (the sandbox's receiver checks it).
  let webhookSecret = "\(Self.prefix)-webhook-9d4b2e7a1c6f3085"
  /// A login role made for the test (a member of `verifier_daemon`), with ``databasePassword``.
  let databaseRole =
    "leak_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()

  /// Every secret, by name (for messages that say which one leaked, never its value).
  var all: [(name: String, value: String)] {
    [
      ("Finicity partner secret", partnerSecret), ("Finicity app key", appKey),
      ("Folio shared secret", folioSharedSecret), ("database password", databasePassword),
      ("webhook secret", webhookSecret), ("the secrets' common prefix", Self.prefix),
    ]
  }

  /// Creates the login role on the test server. The throwaway cluster trusts local connections,
  /// so the password is not checked there; it must not leak all the same.
  func createRole() async throws {
    let admin = PGConnection(
      configuration: PGConfiguration(connectionString: try TestDatabase.serverURL))
    try await admin.query(
      "CREATE ROLE \(databaseRole) LOGIN PASSWORD '\(databasePassword)' IN ROLE verifier_daemon",
      operation: "create the leak test's role")
  }

  /// Drops the login role (after the test database is gone).
  func dropRole() async {
    let admin = PGConnection(
      configuration: PGConfiguration(connectionString: (try? TestDatabase.serverURL) ?? ""))
    _ = try? await admin.query("DROP ROLE IF EXISTS \(databaseRole)", operation: "drop the role")
  }

  /// `database`'s URL as the test role, with the password in it when ``source`` says so.
  func databaseURL(_ database: TestDatabase) -> String {
    var components = URLComponents(string: database.configuration.connectionString ?? "")!
    components.user = databaseRole
    components.password = Self.source == .environment ? databasePassword : nil
    return components.string!
  }

  /// The environment `verifierd run` gets; writes the credential files first when ``source`` is
  /// `.credentialsDirectory` (into `folder`, mode 0600).
  func environment(credentialsIn folder: URL) throws -> [String: String] {
    switch Self.source {
    case .environment:
      return [
        "FINICITY_PARTNER_SECRET": partnerSecret, "FINICITY_APP_KEY": appKey,
        "FOLIO_SHARED_SECRET": folioSharedSecret,
        "VERIFIERD_WEBHOOKS_ENDPOINTS_LEAK_SECRET": webhookSecret,
      ]
    case .credentialsDirectory:
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      for (name, value) in [
        ("finicity-partner-secret", partnerSecret), ("finicity-app-key", appKey),
        ("folio-shared-secret", folioSharedSecret), ("database-password", databasePassword),
        ("webhooks-endpoints-leak-secret", webhookSecret),
      ] {
        let file = folder.appendingPathComponent(name)
        try Data(value.utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
      }
      return ["CREDENTIALS_DIRECTORY": folder.path]
    }
  }
}
