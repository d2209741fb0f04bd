/// Who and what a job verifies, per provider: the business columns its requests are built from.
public enum JobParty: Sendable, Hashable {
  /// A Finicity micro-entry job.
  case finicity(FinicityParty)
  /// A Folio bank-link job.
  case folio(FolioBankLinkReference)

  /// The provider.
  public var provider: Provider {
    switch self {
    case .finicity: .finicity
    case .folio: .folio
    }
  }

  /// The Finicity columns, for a Finicity job.
  public var finicity: FinicityParty? {
    if case .finicity(let party) = self { return party }
    return nil
  }

  /// The Folio columns, for a Folio job.
  public var folio: FolioBankLinkReference? {
    if case .folio(let link) = self { return link }
    return nil
  }
}
