import Testing

@testable import Verification

/// Which state changes announce which webhook events (docs/webhooks.md).
@Suite struct WebhookEventTypeTests {
  @Test func aFinicityLifecycleAnnouncesEachMomentOnce() {
    let path: [JobState] = [
      .queued, .initiating, .pending, .awaitingAmounts, .verifying, .awaitingAmounts, .verifying,
      .verified,
    ]
    let events = zip(path, path.dropFirst()).flatMap { WebhookEventType.events(from: $0, to: $1) }
    #expect(
      events == [
        .initiated, .awaitingAmounts, .submissionVerdict, .submissionVerdict, .finished,
      ])
  }

  @Test func depositsSettledAtOnceAnnounceTheInitiationAndTheAmountsTogether() {
    #expect(
      WebhookEventType.events(from: .initiating, to: .awaitingAmounts) == [
        .initiated, .awaitingAmounts,
      ])
  }

  @Test func aFolioJobStartsAwaitingAmounts() {
    #expect(WebhookEventType.events(from: .queued, to: .awaitingAmounts) == [.awaitingAmounts])
  }

  @Test func theLastWrongGuessIsAVerdictAndThenTheEnd() {
    #expect(
      WebhookEventType.events(from: .verifying, to: .attemptsExhausted) == [
        .submissionVerdict, .finished,
      ])
  }

  @Test func failuresAnnounceOnlyTheEndAndNoInitiationThatDidNotHappen() {
    #expect(WebhookEventType.events(from: .initiating, to: .invalidRequest) == [.finished])
    #expect(WebhookEventType.events(from: .verifying, to: .providerFailed) == [.finished])
    #expect(WebhookEventType.events(from: .pending, to: .returned) == [.finished])
    #expect(WebhookEventType.events(from: .awaitingAmounts, to: .canceled) == [.finished])
  }

  @Test func noChangeAndChangesOutOfAFinishedStateAnnounceNothing() {
    for state in JobState.allCases {
      #expect(WebhookEventType.events(from: state, to: state).isEmpty)
    }
    for finished in JobState.allCases where finished.isTerminal {
      for next in JobState.allCases {
        #expect(WebhookEventType.events(from: finished, to: next).isEmpty)
      }
    }
  }

  @Test func everyPathFromQueuedToAnEndAnnouncesFinishedExactlyOnceAndLast() {
    // Every single step of the machine's graph (any live state to any other state).
    for from in JobState.allCases where !from.isTerminal {
      for to in JobState.allCases {
        let events = WebhookEventType.events(from: from, to: to)
        #expect(events.filter { $0 == .finished }.count == (to.isTerminal && from != to ? 1 : 0))
        if to.isTerminal && from != to { #expect(events.last == .finished) }
        #expect(!events.contains(.promptDue))
      }
    }
  }
}
