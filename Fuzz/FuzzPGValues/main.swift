// The text of every column type the daemon reads from libpq: integers, booleans, floats, UUIDs,
// timestamptz, the `data` JSON and the claim's open submissions. Checked: no trap, the fast
// `data` reader agrees with JSONDecoder, and what is written reads back the same.
import Foundation
import FuzzSupport
import Verification

@testable import JobQueue

/// How far a timestamp may move through format and parse: half a microsecond of rounding, and a
/// few steps of the Double that holds the seconds.
private func tolerance(_ date: Date) -> Double {
  1e-6 + 4 * date.timeIntervalSince1970.magnitude.ulp
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPGValues(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = FuzzInput.bytes(data, count)
  let text = FuzzInput.text(bytes)

  _ = Int(pgText: text)
  _ = Int64(pgText: text)
  _ = Int32(pgText: text)
  _ = Bool(pgText: text)
  _ = Double(pgText: text)
  _ = UUID(pgText: text)
  if let value = Int64(pgText: text) {
    FuzzInput.require(Int64(pgText: String(value)) == value, "an int8 does not read back")
  }

  // timestamptz: what reads (years 1 to 9999, as PostgreSQL prints them) formats and reads back
  // within the microsecond PostgreSQL keeps, plus what a Date (a Double of seconds) can hold: its
  // step is under a microsecond until 2106, but 15 us in the year 6026 (found by this target).
  if let date = PGTimestamp.parse(text), date != .distantFuture, date != .distantPast {
    let seconds = date.timeIntervalSince1970
    if seconds > -62_135_596_800, seconds < 253_402_300_800 {
      let again = PGTimestamp.parse(PGTimestamp.format(date))
      FuzzInput.require(
        again.map { abs($0.timeIntervalSince(date)) <= tolerance(date) } ?? false,
        "a timestamptz does not read back after formatting")
    }
  }
  if bytes.count >= 8 {
    // Any instant in those years, to the microsecond, formats and reads back.
    let raw = bytes.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    let micros = Int64(raw % 315_537_897_600_000_000) - 62_135_596_800_000_000
    let date = Date(timeIntervalSince1970: Double(micros) / 1_000_000)
    let again = PGTimestamp.parse(PGTimestamp.format(date))
    FuzzInput.require(
      again.map { abs($0.timeIntervalSince(date)) <= tolerance(date) } ?? false,
      "a formatted instant does not read back")
  }

  // The `data` column: the fast reader and JSONDecoder agree on every text, and what is written
  // reads back as the same value.
  let fast = JobDataJSON.decode(text)
  let generic = try? JSONDecoder().decode(JobData.self, from: Data(text.utf8))
  FuzzInput.require(fast == generic, "JobDataJSON.decode disagrees with JSONDecoder")
  if let fast {
    FuzzInput.require(
      JobDataJSON.decode(JobDataJSON.encode(fast)) == fast, "job data does not read back")
  }

  // The claim's open submissions: any text reads or is refused, never traps.
  if let submissions = OpenSubmissions.read(text) {
    for submission in submissions { _ = submission.amounts }
  }
  return 0
}
