import Crypto
import Foundation

/// The stand-in HMAC-SHA256 signature (inferred format, checked by the sandbox the same way).
///
/// String to sign: `METHOD\nPATH?QUERY\nUNIX_SECONDS\nhex(SHA256(body))`.
/// Header: `Authorization: FOLIO-HMAC-SHA256 key=<apiKey>, ts=<UNIX_SECONDS>, sig=<base64 HMAC>`.
public struct FolioSigner: FolioRequestSigning {
  let apiKey: String
  let sharedSecret: Secret

  /// Creates a signer from the API key and the shared secret.
  public init(apiKey: String, sharedSecret: Secret) {
    self.apiKey = apiKey
    self.sharedSecret = sharedSecret
  }

  /// The `Authorization` header for this request.
  public func headers(method: String, pathAndQuery: String, body: [UInt8], date: Date) -> [(
    String, String
  )] {
    let timestamp = String(Int64(date.timeIntervalSince1970))
    let bodyHash = SHA256.hash(data: body).map { String(format: "%02x", $0) }.joined()
    let toSign = [method.uppercased(), pathAndQuery, timestamp, bodyHash].joined(separator: "\n")
    let key = SymmetricKey(data: Data(sharedSecret.revealed.utf8))
    let mac = HMAC<SHA256>.authenticationCode(for: Data(toSign.utf8), using: key)
    let signature = Data(mac).base64EncodedString()
    return [("Authorization", "FOLIO-HMAC-SHA256 key=\(apiKey), ts=\(timestamp), sig=\(signature)")]
  }
}
