import Foundation

/// Parses a JSON body into a dictionary, or nil.
func jsonObject(_ body: [UInt8]) -> [String: Any]? {
  (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
}
