import Foundation
import TestSupport
import Testing

@testable import Webhooks

/// The webhook signature: the daemon's own check, and the shell recipe docs/webhooks.md gives
/// receivers, run with openssl exactly as printed there.
@Suite struct WebhookSignatureTests {
  let secret = Array("whsec-test-secret".utf8)
  let body = Array(#"{"id":"01J9","type":"verification.finished","sequence":3}"#.utf8)

  @Test func aSignatureVerifiesWithItsSecretAndBody() {
    let signature = WebhookSignature(secret: secret, timestamp: 1_765_000_000, body: body)
    #expect(signature.headerValue.hasPrefix("t=1765000000,v1="))
    #expect(signature.hex.count == 64)
    #expect(
      WebhookSignature.verify(
        signature.headerValue, body: body, secret: secret, now: 1_765_000_010) == nil)
  }

  @Test func theHMACIsTakenOverTheTimestampAndTheBody() {
    // A known answer computed independently: printf '1.x' | openssl dgst -sha256 -hmac key
    let signature = WebhookSignature(
      secret: Array("key".utf8), timestamp: 1, body: Array("x".utf8))
    #expect(signature.hex == "fc4913c41a7bf793267e2a384f3261c9436ec2cd097bd745e7b0d99113f510ec")
  }

  @Test func aWrongSecretAChangedBodyOrAnOldTimestampIsRefused() {
    let value = WebhookSignature(secret: secret, timestamp: 1_765_000_000, body: body).headerValue
    #expect(
      WebhookSignature.verify(value, body: body, secret: Array("other".utf8), now: 1_765_000_000)
        == .some(.mismatch))
    #expect(
      WebhookSignature.verify(value, body: body + [0x20], secret: secret, now: 1_765_000_000)
        == .some(.mismatch))
    #expect(
      WebhookSignature.verify(value, body: body, secret: secret, now: 1_765_000_301)
        == .some(.stale))
    #expect(
      WebhookSignature.verify(value, body: body, secret: secret, now: 1_764_999_699)
        == .some(.stale))
    for far in [Int64.min, Int64.max] {
      #expect(
        WebhookSignature.verify("t=\(far),v1=00", body: body, secret: secret, now: 1_765_000_000)
          == .some(.stale))
    }
    #expect(
      WebhookSignature.verify("v1=abc", body: body, secret: secret, now: 0) == .some(.malformed))
    #expect(
      WebhookSignature.verify("t=1,v1", body: body, secret: secret, now: 1) == .some(.malformed))
  }

  @Test func oneOfSeveralSignaturesMayMatchWhileASecretIsRotated() {
    let signed = WebhookSignature(secret: secret, timestamp: 50, body: body)
    let old = WebhookSignature(secret: Array("old".utf8), timestamp: 50, body: body)
    let value = "t=50,v1=\(old.hex),v1=\(signed.hex)"
    #expect(
      WebhookSignature.verify(value, body: body, secret: secret, now: 50) == nil)
  }

  @Test func theDocumentedShellRecipeAcceptsOnlyAFreshSignatureUnderTheRightSecret() throws {
    let recipe = try Self.documentedRecipe()
    let now = Int64(Date().timeIntervalSince1970)
    let fresh = WebhookSignature(secret: secret, timestamp: now, body: body).headerValue
    #expect(
      try Self.run(recipe, signature: fresh, secret: "whsec-test-secret", body: body) == "valid")
    #expect(try Self.run(recipe, signature: fresh, secret: "wrong", body: body) == "mismatch")
    let old = WebhookSignature(secret: secret, timestamp: now - 3600, body: body).headerValue
    #expect(
      try Self.run(recipe, signature: old, secret: "whsec-test-secret", body: body) == "stale")
  }

  @Test("the README shows the recipe exactly as docs/webhooks.md does (the one the test runs)")
  func readmeRecipe() throws {
    #expect(try Self.documentedRecipe(in: "README.md") == Self.documentedRecipe())
  }

  /// The shell block that follows the `webhook-signature-recipe` marker in `file` (relative to
  /// the package).
  static func documentedRecipe(in file: String = "docs/webhooks.md") throws -> String {
    let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../\(file)").standardized
    let text = try String(contentsOf: docs, encoding: .utf8)
    let marker = try #require(text.range(of: "<!-- webhook-signature-recipe -->"))
    let rest = text[marker.upperBound...]
    let open = try #require(rest.range(of: "```sh\n"))
    let close = try #require(rest[open.upperBound...].range(of: "```"))
    return String(rest[open.upperBound..<close.lowerBound])
  }

  /// Runs `recipe` with bash in a scratch directory holding `body.json`; returns its last line.
  static func run(_ recipe: String, signature: String, secret: String, body: [UInt8]) throws
    -> String
  {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("webhook-recipe-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try Data(body).write(to: directory.appendingPathComponent("body.json"))
    let result = try ChildProcess.run(
      "/usr/bin/env",
      [
        "SECRET=\(secret)", "SIG=\(signature)", "DIR=\(directory.path)", "/bin/bash", "-c",
        "cd \"$DIR\" || exit 2\n" + recipe,
      ])
    return result.output.split(separator: "\n").last.map(String.init) ?? ""
  }
}
