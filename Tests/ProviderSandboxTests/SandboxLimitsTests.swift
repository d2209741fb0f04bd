import Foundation
import ProviderSandbox
import Testing

/// Values that used to stop the process (a status outside 0...999, an overflowing latency or
/// amount, a clock past what a date conversion takes) are refused or brought into range.
@Suite struct SandboxLimitsTests {
  @Test(arguments: [
    #"{"serverErrorStatus":5000}"#, #"{"serverErrorStatus":101}"#, #"{"serverErrorStatus":404}"#,
    #"{"latencyMs":9223372036854775807,"latencyJitterMs":5}"#, #"{"hangMs":-1}"#,
    #"{"retryAfterSeconds":-3}"#,
  ])
  func faultsTheServerCannotActOnAreRefused(body: String) async throws {
    try await withRawSandbox { s in
      let answer = try await s.send(.PUT, "/_sandbox/faults", body: body)
      #expect(answer.status == 400, "\(body)")
      let faults = try await s.send(.GET, "/_sandbox/faults").object
      #expect(faults["serverErrorStatus"] as? Int == 503)
      #expect(faults["latencyMs"] as? Int == 0)
      try await s.expectStillServes()
    }
  }

  @Test func configuredFaultsOutOfRangeAreClamped() async throws {
    let faults = SandboxFaults(
      latencyMs: -5, serverErrorFraction: 1, serverErrorStatus: 5000, hangMs: Int.max)
    try await withRawSandbox(SandboxConfiguration(faults: faults)) { s in
      let answer = try await s.send(.GET, "/aggregation/v1/customers/1/accounts")
      #expect(answer.status == 503)  // the fault asked for, in a status the server can send
      let read = try await s.send(.GET, "/_sandbox/faults").object
      #expect(read["hangMs"] as? Int == 3_600_000)
      #expect(read["latencyMs"] as? Int == 0)
    }
  }

  @Test func theClockMovesOnlyWithinACentury() async throws {
    try await withRawSandbox { s in
      for seconds in ["1e300", "-1e300", "1e400", "true", "\"10\""] {
        let answer = try await s.send(
          .POST, "/_sandbox/clock/advance", body: #"{"seconds":\#(seconds)}"#)
        #expect(answer.status == 400, "\(seconds)")
      }
      let moved = try await s.send(.POST, "/_sandbox/clock/advance", body: #"{"seconds":3600}"#)
      #expect(moved.status == 200 && moved.object["offsetSeconds"] as? Double == 3600)
      let token = try await s.token()
      _ = try await s.initiate(token, account: "12345678", customer: "1")
      try await s.expectStillServes()
    }
  }

  @Test(arguments: ["92233720368547759.00", "9223372036854775807", "99999999999999999999.99"])
  func hugeFolioAmountsAreTheUnreadableBodyError(amount: String) async throws {
    try await withRawSandbox { s in
      _ = try await s.send(
        .POST, "/_sandbox/folio/banklinks",
        body: #"{"accountNumber":"RD57828005","bankLinkOid":"7","ownerLoginId":"testuser"}"#)
      let path = "/restapi/accounts/RD57828005/verify/microdeposits/7"
      let body = #"{"md1":"\#(amount)","md2":"0.23","op":"verify_md","ownerLoginId":"testuser"}"#
      let answer = try await s.send(
        .PUT, path, headers: s.folioHeaders("PUT", path, body), body: body)
      #expect(answer.status == 400)
      let code = (answer.json as? [[String: Any]])?.first?["errorCode"] as? String
      #expect(code == "banklink.null.restbanklink.internal.error")
      try await s.expectStillServes()
    }
  }
}
