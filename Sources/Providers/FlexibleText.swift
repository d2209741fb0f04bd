/// A JSON value that may be a string or a number, read as text (Finicity's `code`, ids).
struct FlexibleText: Decodable, Hashable {
  var text: String

  init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if let s = try? c.decode(String.self) {
      text = s
    } else if let i = try? c.decode(Int64.self) {
      text = String(i)
    } else {
      let d = try c.decode(Double.self)
      text = d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
    }
  }
}
