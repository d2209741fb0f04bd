/// An HTTP answer read from fuzz input: a status from the first two bytes (100 to 599), then
/// fields split at `0x00`: a `Retry-After` value, one more header as `name:value`, and the body.
package struct FuzzResponse: Sendable {
  /// The status, 100 to 599.
  package var status: Int
  /// `Retry-After` (when its field is not empty) and the extra header (when it has a colon).
  package var headers: [(String, String)]
  /// The body's bytes.
  package var body: [UInt8]

  /// Reads the answer from libFuzzer's bytes.
  package init(_ bytes: [UInt8]) {
    let fields = FuzzInput.fields(bytes, limit: 4)
    let statusBytes = fields[0].prefix(2).map(Int.init)
    let raw = statusBytes.reduce(0) { $0 * 256 + $1 }
    status = 100 + raw % 500
    headers = []
    if !fields[1].isEmpty { headers.append(("Retry-After", FuzzInput.text(fields[1]))) }
    let extra = FuzzInput.text(fields[2])
    if let colon = extra.firstIndex(of: ":") {
      headers.append((String(extra[..<colon]), String(extra[extra.index(after: colon)...])))
    }
    body = fields[3]
  }
}
