import Crypto
import Foundation

/// Signs Folio requests. Folio's real format is not public: replace ``FolioSigner`` with a type
/// implementing the real one; the client only needs the headers this returns.
public protocol FolioRequestSigning: Sendable {
  /// The headers that authenticate a request (for instance `Authorization`).
  func headers(method: String, pathAndQuery: String, body: [UInt8], date: Date) -> [(
    String, String
  )]
}
