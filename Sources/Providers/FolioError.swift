/// One element of Folio's 400 error array.
struct FolioError: Sendable, Hashable, Decodable {
  var type: String?
  var errorCode: String?
  var message: String?
}
