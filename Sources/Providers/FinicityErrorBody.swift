import Foundation

/// A Finicity error answer: `{code, message}` with `code` a number or a string; may be text/plain.
struct FinicityErrorBody: Sendable, Hashable {
  var code: String?
  var message: String?

  private struct Wire: Decodable {
    var code: FlexibleText?
    var message: String?
  }

  /// Reads an error body; a body that is not JSON gives no code and its text (truncated) as message.
  static func parse(_ body: [UInt8]) -> FinicityErrorBody {
    if let wire = try? JSONDecoder().decode(Wire.self, from: Data(body)) {
      return FinicityErrorBody(code: wire.code?.text, message: wire.message)
    }
    let text = String(decoding: body.prefix(200), as: UTF8.self).trimmingWhitespace()
    return FinicityErrorBody(code: nil, message: text.isEmpty ? nil : text)
  }
}
