import Testing

@testable import Verification

@Suite("Job states, outcomes and providers")
struct ValueTypeTests {
  @Test("raw values are the database texts")
  func rawValues() {
    #expect(
      JobState.allCases.map(\.rawValue) == [
        "queued", "initiating", "pending", "awaiting_amounts", "verifying", "held", "verified",
        "attempts_exhausted", "expired", "returned", "rejected", "provider_failed",
        "invalid_request", "canceled", "refused_by_policy",
      ])
    #expect(
      SubmissionStatus.allCases.map(\.rawValue) == [
        "pending", "submitting", "verified", "mismatch", "attempts_exhausted", "refused", "error",
      ])
    #expect(PromptKind.allCases.map(\.rawValue) == ["first", "reminder", "last_chance", "retry"])
    #expect(Provider(rawValue: "finicity") == .finicity)
    #expect(Provider(rawValue: "folio") == .folio)
  }

  @Test("exactly the last nine states are terminal, each with its outcome")
  func terminal() {
    let terminal = JobState.allCases.filter(\.isTerminal)
    #expect(terminal == Array(JobState.allCases.suffix(9)))
    #expect(!JobState.held.isTerminal)
    for outcome in Outcome.allCases {
      #expect(outcome.state.outcome == outcome)
      #expect(outcome.state.rawValue == outcome.rawValue)
    }
    #expect(JobState.awaitingAmounts.outcome == nil)
  }

  @Test("timestamps add durations in microseconds and order by time")
  func timestamps() {
    let t = Timestamp(secondsSinceEpoch: 10)
    #expect((t + .milliseconds(1_500)).microsecondsSinceEpoch == 11_500_000)
    #expect((t - .seconds(1)).microsecondsSinceEpoch == 9_000_000)
    #expect((t + .seconds(3)) - t == .seconds(3))
    #expect(t < t + .microseconds(1))
    #expect(
      Timestamp(microsecondsSinceEpoch: .max - 1) + .seconds(10)
        == Timestamp(microsecondsSinceEpoch: .max))
    #expect(t.description == "@10000000us")
  }

  @Test("amounts and submissions never print their values")
  func redaction() {
    let pair = AmountPair(cents: 12, 34)
    #expect(pair?.description == "AmountPair(<redacted>)")
    #expect(Cents(12)?.description == "Cents(<redacted>)")
    let submission = Fixture.submission(7, "0.12", "0.34")
    #expect(!"\(submission)".contains("0.12"))
    #expect("\(submission)" == "Submission(id: 7, status: pending)")
  }
}

@Suite("Timestamp arithmetic on hostile stored values")
struct TimestampSaturationTests {
  @Test("differences and offsets saturate instead of trapping")
  func saturates() {
    let low = Timestamp(microsecondsSinceEpoch: .min)
    let high = Timestamp(microsecondsSinceEpoch: .max)
    #expect(high - low == .microseconds(Int64.max))
    #expect(low - high == .microseconds(Int64.min))
    #expect((high + .seconds(1)).microsecondsSinceEpoch == .max)
    #expect((low + .seconds(-1)).microsecondsSinceEpoch == .min)
    #expect((low - .seconds(1)).microsecondsSinceEpoch == .min)
    #expect((high - .seconds(-1)).microsecondsSinceEpoch == .max)
  }
}
