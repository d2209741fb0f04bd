import Foundation
import ProviderSandbox
import Testing

/// `SandboxEngine.respond(method:path:query:headers:body:)`, the socket-free entry point (the
/// one a fuzz target drives): it answers like the server, and only with documented statuses.
@Suite struct SandboxEngineRespondTests {
  static let appKey = [
    ("Finicity-App-Key", "sandbox-app-key"), ("Content-Type", "application/json"),
  ]

  func token(_ engine: SandboxEngine) async throws -> String {
    let answer = await engine.respond(
      method: "POST", path: "/aggregation/v2/partners/authentication", query: "",
      headers: Self.appKey,
      body: Array(#"{"partnerId":"1234583871234","partnerSecret":"sandbox-partner-secret"}"#.utf8))
    let object = try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any]
    return try #require(object?["token"] as? String)
  }

  @Test func answersTheShapesTheServerAnswers() async throws {
    let engine = SandboxEngine(configuration: SandboxConfiguration())
    let token = try await token(engine)
    let headers = [("finicity-app-key", "sandbox-app-key"), ("FINICITY-APP-TOKEN", token)]
    let list = "/aggregation/v1/customers/1/accounts"
    let empty = await engine.respond(
      method: "get", path: list, query: "=", headers: headers, body: [])
    #expect(empty.status == 200)
    let twice = await engine.respond(
      method: "GET", path: list, query: "a=1&a=2", headers: headers, body: [])
    #expect(twice.status == 400)
    let over = await engine.respond(
      method: "POST", path: "/microentry/v1/customers/1", query: "",
      headers: headers + [("Content-Type", "application/json")],
      body: [UInt8](repeating: 0x20, count: (1 << 20) + 1))
    #expect(over.status == 400)
    #expect(String(decoding: over.body, as: UTF8.self).contains("14020"))
    let repeated = await engine.respond(
      method: "GET", path: list, query: "", headers: headers + [("Finicity-App-Token", token)],
      body: [])
    // Repeated names are joined with ", " as HTTP defines: no longer the one token.
    #expect(repeated.status == 401)
  }

  @Test func faultsThatBreakTheConnectionComeBackAsTheClientSeesThem() async {
    let hang = SandboxEngine(
      configuration: SandboxConfiguration(faults: SandboxFaults(hangFraction: 1)))
    let hung = await hang.respond(method: "GET", path: "/x", query: "", headers: [], body: [])
    #expect(hung.status == 504)
    let reset = SandboxEngine(
      configuration: SandboxConfiguration(faults: SandboxFaults(resetFraction: 1)))
    let cut = await reset.respond(method: "GET", path: "/x", query: "", headers: [], body: [])
    #expect(cut.status == 200 && cut.body == Array(#"{"acc"#.utf8))
  }

  /// A bounded, seeded sweep of odd requests, mostly on the served routes: every answer is a
  /// status the providers document.
  @Test func seededSweepAnswersOnlyDocumentedStatuses() async throws {
    let engine = SandboxEngine(configuration: SandboxConfiguration())
    let token = try await token(engine)
    var seeded = Seeded(state: 20_251_203)
    let routes: [[String?]] = [
      ["aggregation", "v2", "partners", "authentication"], ["microentry", "v1", "customers", nil],
      ["microentry", "v1", "customers", nil, "accounts", nil],
      ["microentry", "v1", "customers", nil, "accounts", nil, "amounts"],
      ["aggregation", "v1", "customers", nil, "accounts"],
      ["restapi", "accounts", nil, "verify", "microdeposits", nil],
      ["restapi", "accounts", nil, "achbanklinks", nil], ["_sandbox", nil],
    ]
    let odd = [
      "1005061234", "5011648377", "", ".", "..", "%00", "%2F", "%zz", "%C3", "%E2%82%AC", "404",
      "9999999999999999999999", "a b", "%31", "amounts",
    ]
    let methods = ["GET", "POST", "PUT", "HEAD", "OPTIONS", "DELETE", "PATCH", "get", ""]
    let queries = ["", "=", "==", "&", "account_type=ava", "account_type", "a=%", "a=1&a=2", "%FF"]
    let types: [String?] = [nil, "application/json", "text/plain", "application/json; charset=x"]
    let bodies = [
      "", "{}", "[]", "null", #"{"amounts":[0.01,0.02]}"#, #"{"receiver":{}}"#, "[[[[[[", "\u{0}",
      String(repeating: "[", count: 40), #"{"md1":"99999999999999999999.99","op":"verify_md"}"#,
      #"{"receiver":{"routingNumber":"021000021","accountNumber":"12345678","accountType":"personalChecking","name":"B"}}"#,
    ]
    var statuses: Set<Int> = []
    for _ in 0..<3000 {
      let segments = seeded.pick(routes).map { fixed in
        seeded.next() % 10 == 0 || fixed == nil ? seeded.pick(odd) : fixed ?? ""
      }
      var headers = [("Finicity-App-Key", "sandbox-app-key"), ("Finicity-App-Token", token)]
      if let type = seeded.pick(types) { headers.append(("Content-Type", type)) }
      let answer = await engine.respond(
        method: seeded.pick(methods), path: "/" + segments.joined(separator: "/"),
        query: seeded.pick(queries), headers: headers, body: Array(seeded.pick(bodies).utf8))
      statuses.insert(answer.status)
    }
    #expect(statuses.isSubset(of: [200, 400, 401, 404]), "\(statuses.sorted())")
    #expect(statuses.isSuperset(of: [200, 400, 401, 404]), "\(statuses.sorted())")
  }
}

/// SplitMix64, so the sweep is the same on every run.
private struct Seeded {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func pick<T>(_ options: [T]) -> T { options[Int(next() % UInt64(options.count))] }
}
