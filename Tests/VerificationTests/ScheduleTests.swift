import Testing

@testable import Verification

@Suite("Poll and prompt schedules")
struct ScheduleTests {
  @Test("polling starts at the first delay, multiplies, and caps")
  func poll() {
    let schedule = PollSchedule(firstDelay: .seconds(60), multiplier: 2, maxDelay: .seconds(3_600))
    #expect(
      (0...8).map { schedule.delay(afterPolls: $0) }
        == [60, 120, 240, 480, 960, 1_920, 3_600, 3_600, 3_600].map { .seconds($0) })
    #expect(schedule.delay(afterPolls: 1_000_000) == .seconds(3_600))
    let flat = PollSchedule(firstDelay: .seconds(5), multiplier: 1, maxDelay: .seconds(60))
    #expect(flat.delay(afterPolls: 9) == .seconds(5))
    #expect(PollSchedule().delay(afterPolls: 0) == .seconds(60))
  }

  @Test("entering awaiting amounts: first now, reminders, last chance before the expiry")
  func entering() {
    let plans = Fixture.prompts.onEntering(
      now: Fixture.at(0), expiresAt: Fixture.at(1_000), attemptsRemaining: 3)
    #expect(plans.map(\.kind) == [.first, .reminder, .reminder, .lastChance])
    #expect(plans.map(\.dueAt) == [0, 100, 300, 900].map(Fixture.at))
    #expect(plans.allSatisfy { $0.attemptsRemaining == 3 })
  }

  @Test("reminders at or after the last chance are dropped; a past last chance too")
  func shortExpiry() {
    let plans = Fixture.prompts.onEntering(
      now: Fixture.at(0), expiresAt: Fixture.at(250), attemptsRemaining: nil)
    #expect(plans.map(\.kind) == [.first, .reminder, .lastChance])
    #expect(plans.map(\.dueAt) == [0, 100, 150].map(Fixture.at))
    let tiny = Fixture.prompts.onEntering(
      now: Fixture.at(0), expiresAt: Fixture.at(50), attemptsRemaining: nil)
    #expect(tiny.map(\.kind) == [.first])
  }

  @Test("after a wrong guess: a retry prompt now with the attempts left, then the last chance")
  func afterRetry() {
    let plans = Fixture.prompts.afterRetry(
      now: Fixture.at(500), expiresAt: Fixture.at(1_000), attemptsRemaining: 2)
    #expect(
      plans == [
        PromptPlan(kind: .retry, dueAt: Fixture.at(500), attemptsRemaining: 2),
        PromptPlan(kind: .lastChance, dueAt: Fixture.at(900), attemptsRemaining: 2),
      ])
    let late = Fixture.prompts.afterRetry(
      now: Fixture.at(950), expiresAt: Fixture.at(1_000), attemptsRemaining: 1)
    #expect(late.map(\.kind) == [.retry])
  }

  @Test("provider defaults match the documented inferred values")
  func defaults() {
    let configuration = VerificationConfiguration()
    #expect(configuration.finicity.expiry == .seconds(14 * 86_400))
    #expect(configuration.folio.expiry == .seconds(14 * 86_400))
    #expect(configuration.finicity.maxAttempts == 3)
    #expect(configuration.folio.maxAttempts == nil)
    #expect(configuration.settings(for: .folio).startDelay == .seconds(86_400))
    #expect(configuration.settings(for: .finicity) == configuration.finicity)
  }
}
