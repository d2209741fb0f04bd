import Foundation
import Testing

@testable import Verification

@Suite("JobData in the jsonb column")
struct JobDataTests {
  @Test("the column's default {} decodes to empty bookkeeping")
  func emptyObject() throws {
    let data = try JSONDecoder().decode(JobData.self, from: Data("{}".utf8))
    #expect(data == JobData())
  }

  @Test("round-trips every field; timestamps are bare integers")
  func roundTrip() throws {
    let data = JobData(
      retryCount: 2, pollCount: 5, nextPollAt: Fixture.at(10), attemptStartedAt: Fixture.at(1),
      initiations: 2, accountMayExist: true, awaitingSince: Fixture.at(3),
      expiresAt: Fixture.at(1_003), inFlightSubmissionID: 42)
    let encoded = try JSONEncoder().encode(data)
    #expect(try JSONDecoder().decode(JobData.self, from: encoded) == data)
    let object = try JSONSerialization.jsonObject(with: encoded) as? [String: Any]
    #expect(object?["expiresAt"] as? Int64 == Fixture.at(1_003).microsecondsSinceEpoch)
    #expect(object?["inFlightSubmissionID"] as? Int == 42)
  }

  @Test("unknown keys are ignored, wrong types are errors")
  func tolerance() throws {
    let data = try JSONDecoder().decode(
      JobData.self, from: Data(#"{"pollCount": 3, "future": true}"#.utf8))
    #expect(data.pollCount == 3)
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(JobData.self, from: Data(#"{"pollCount": "x"}"#.utf8))
    }
  }
}
