import Foundation

extension String {
  /// This text percent-encoded as one URL path segment (only unreserved characters stay).
  var pathSegment: String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
  }
}
