import Foundation
import JobQueue
import TestSupport
import Testing
import Verification

@Suite("the write-back sends data only when it changed", .timeLimit(.minutes(1)))
struct StoredDataTests {
  /// The row's `data` as text, with a marker the daemon's coder never writes: it survives exactly
  /// when the write-back sent no `data`.
  static func data(_ database: TestDatabase) async throws -> String {
    try await database.run("SELECT data::text AS d FROM verifier.jobs")[0].decode("d")
  }

  @Test("the stored data is kept when the image's equals it, and written when it differs")
  func sentOnlyWhenChanged() async throws {
    try await TestDatabase.with { database in
      try await Sample.insertFinicityJobs(1, into: database)
      let store = JobStore(connection: database.connect(), instance: "test")
      let job = try #require(try await store.claim(limit: 1, leaseDuration: .seconds(60)).first)
      let claimed = try #require(job.snapshot).data
      try await database.run(
        "UPDATE verifier.jobs SET data = data || '{\"marker\": true}'")
      // Unchanged against what the row holds: nothing sent, the marker stays.
      var same = try job.commit(schedule: .keepLease)
      same.storedData = claimed
      #expect(try await store.apply([same]).count == 1)
      #expect(try await Self.data(database).contains("marker"))
      // Changed: written whole (the marker is gone, the new count is there).
      var changed = try job.commit(schedule: .keepLease) { $0.data.retryCount = 7 }
      changed.storedData = claimed
      #expect(try await store.apply([changed]).count == 1)
      let written = try await Self.data(database)
      #expect(!written.contains("marker"))
      #expect(written.contains("7"))
      // Unknown (no stored data given): written.
      try await database.run(
        "UPDATE verifier.jobs SET data = data || '{\"marker\": true}'")
      #expect(try await store.apply([try job.commit(schedule: .keepLease)]).count == 1)
      #expect(!(try await Self.data(database).contains("marker")))
    }
  }
}
