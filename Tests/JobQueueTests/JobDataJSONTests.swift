import Foundation
import Testing
import Verification

@testable import JobQueue

@Suite("The data column's JSON: the fast coder agrees with JobData's Codable")
struct JobDataJSONTests {
  /// Bookkeeping with every field set or not, from a seeded generator.
  static func samples() -> [JobData] {
    var generator = SplitMix(seed: 0x5eed)
    return (0..<500).map { _ in
      func maybe(_ value: Int64) -> Timestamp? {
        generator.next() % 2 == 0 ? nil : Timestamp(microsecondsSinceEpoch: value)
      }
      let big = Int64(bitPattern: generator.next())
      return JobData(
        retryCount: Int(generator.next() % 50), pollCount: Int(generator.next() % 1000),
        nextPollAt: maybe(big), attemptStartedAt: maybe(big / 3),
        initiations: Int(generator.next() % 3), accountMayExist: generator.next() % 2 == 0,
        awaitingSince: maybe(-big / 7), expiresAt: maybe(big / 11),
        inFlightSubmissionID: generator.next() % 2 == 0 ? nil : Int64(generator.next() % 1_000_000),
        verifyStartedAt: maybe(1_796_000_000_000_000))
    }
  }

  @Test("what it writes, JSONDecoder reads back; what JSONEncoder writes, it reads back")
  func roundTrips() throws {
    for data in Self.samples() {
      let fast = JobDataJSON.encode(data)
      #expect(try JSONDecoder().decode(JobData.self, from: Data(fast.utf8)) == data)
      let slow = String(decoding: try JSONEncoder().encode(data), as: UTF8.self)
      #expect(JobDataJSON.decode(slow) == data)
      #expect(JobDataJSON.decode(fast) == data)
    }
  }

  @Test(
    "odd texts read exactly as JSONDecoder reads them",
    arguments: [
      "{}", " { } ", #"{"pollCount": 3, "retryCount": 1}"#, #"{"pollCount":null}"#,
      #"{"pollCount": "3"}"#, #"{"pollCount": 3.0}"#, #"{"pollCount": 3e2}"#,
      #"{"pollCount": true}"#, #"{"accountMayExist": 1}"#, #"{"accountMayExist": false}"#,
      #"{"unknown": [1, {"a": 2}], "pollCount": 4}"#, #"{"unknown": 7, "initiations": 2}"#,
      #"{"pollCount": 1, "pollCount": 2}"#, #"{"pollCount": 01}"#, #"{"pollCount": -0}"#,
      #"{"pollCount": 99999999999999999999}"#, #"{"nextPollAt": -9223372036854775808}"#,
      #"{"nextPollAt": 9223372036854775807}"#, "[]", "null", "", "{", #"{"a" 1}"#,
      #"{"pollCount": 1,}"#, #"{"pollCount": 1} x"#, #"{"p\u006fllCount": 5}"#,
      #"{"inFlightSubmissionID": 12, "verifyStartedAt": 5}"#,
    ])
  func oddTexts(text: String) {
    let expected = try? JSONDecoder().decode(JobData.self, from: Data(text.utf8))
    #expect(JobDataJSON.decode(text) == expected)
  }
}

/// A small deterministic generator (SplitMix64), so failures reproduce.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
