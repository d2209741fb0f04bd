import Foundation

/// One HTTP/1.1 response read from raw bytes (``RawSocket``), parsed by hand.
struct RawReply {
  var status: Int
  /// Header values by lower-cased name.
  var headers: [String: String]
  var body: [UInt8]

  var json: Any? { try? JSONSerialization.jsonObject(with: Data(body)) }
  var object: [String: Any] { json as? [String: Any] ?? [:] }
  /// A Finicity error's `code`.
  var code: String? { object["code"] as? String }
  /// A Finicity error's `message`.
  var message: String { object["message"] as? String ?? "" }
  /// A Folio error's `errorCode` (the first of the array).
  var folioCode: String? { (json as? [[String: Any]])?.first?["errorCode"] as? String }

  /// The responses in `bytes`, in order; the ones whose index is in `bodiless` (answers to
  /// `HEAD`) carry no body whatever their `Content-Length` says. Stops at the first part that is
  /// not a complete response.
  static func all(in bytes: [UInt8], bodiless: Set<Int> = []) -> [RawReply] {
    var replies: [RawReply] = []
    var rest = bytes[...]
    while let reply = next(&rest, bodiless: bodiless.contains(replies.count)) {
      replies.append(reply)
    }
    return replies
  }

  private static func next(_ rest: inout ArraySlice<UInt8>, bodiless: Bool) -> RawReply? {
    let separator = Array("\r\n\r\n".utf8)
    guard let end = rest.indices.first(where: { rest[$0...].starts(with: separator) }) else {
      return nil
    }
    let lines = String(decoding: rest[..<end], as: UTF8.self).components(separatedBy: "\r\n")
    let statusWords = lines[0].split(separator: " ")
    guard statusWords.count >= 2, statusWords[0].hasPrefix("HTTP/"),
      let status = Int(statusWords[1])
    else { return nil }
    var headers: [String: String] = [:]
    for line in lines.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
        .trimmingCharacters(in: .whitespaces)
    }
    let bodyStart = end + separator.count
    let length =
      bodiless ? 0 : headers["content-length"].flatMap(Int.init) ?? (rest.endIndex - bodyStart)
    guard rest.endIndex - bodyStart >= length else { return nil }
    let body = Array(rest[bodyStart..<(bodyStart + length)])
    rest = rest[(bodyStart + length)...]
    return RawReply(status: status, headers: headers, body: body)
  }
}
