import Foundation
import JobQueue
import TestSupport
import Testing
import VerifierRuntime

@Suite("Announcements on verifier_finished")
struct FinishedNotificationTests {
  @Test("a finished job is announced with its id, state, outcome and external reference")
  func finished() async throws {
    try await withStack { stack in
      let recorder = EventRecorder()
      let listener = PGListener(
        configuration: stack.database.configuration, channels: [VerifierChannel.finished]
      ) { recorder.record($0) }
      try await listener.start()
      let id = try await stack.insertFinicity(account: "77700006", ref: "refused-one")
      try await withRuntime(stack.configuration()) { _ in
        try await stack.waitFor("the announcement") {
          !recorder.notifications(on: VerifierChannel.finished).isEmpty
        }
      }
      await listener.stop()
      let notes = recorder.notifications(on: VerifierChannel.finished)
      #expect(notes.count == 1)
      let payload = try #require(
        try JSONSerialization.jsonObject(with: Data((notes.first?.payload ?? "").utf8))
          as? [String: Any])
      #expect((payload["job_id"] as? NSNumber)?.int64Value == id)
      #expect(payload["state"] as? String == "provider_failed")
      #expect(payload["outcome"] as? String == "provider_failed")
      #expect(payload["external_ref"] as? String == "refused-one")
    }
  }
}
