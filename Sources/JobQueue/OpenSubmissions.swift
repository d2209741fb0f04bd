import Foundation
import Verification

/// Reads the claim's `open_submissions` column: the job's `pending` and `submitting` submissions
/// as a JSON array, oldest first. A row whose amounts are not two readable elements reads with no
/// amounts (the machine refuses it without spending an attempt).
enum OpenSubmissions {
  private struct Row: Decodable {
    var id: Int64
    var status: String
    var first: String?
    var second: String?
    var createdMicros: Int64
  }

  /// The submissions in `json` (none when it is NULL); `nil` when it does not read.
  static func read(_ json: String?) -> [Submission]? {
    guard let json else { return [] }
    guard let rows = try? JSONDecoder().decode([Row].self, from: Data(json.utf8)) else {
      return nil
    }
    var submissions: [Submission] = []
    for row in rows {
      guard let status = SubmissionStatus(rawValue: row.status) else { return nil }
      submissions.append(
        Submission(
          id: row.id, status: status, amountTexts: row.first, row.second,
          createdAt: Timestamp(microsecondsSinceEpoch: row.createdMicros)))
    }
    return submissions
  }
}
