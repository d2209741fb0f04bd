/// The provider endpoint an event is about.
public enum Endpoint: String, Sendable, Hashable, CaseIterable {
  /// Finicity initiate.
  case initiate
  /// Finicity details.
  case details
  /// Finicity or Folio verify.
  case verify
  /// Finicity list AVA accounts.
  case listAccounts = "list_accounts"
  /// Folio read bank link.
  case bankLink = "bank_link"
}
