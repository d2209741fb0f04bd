import Verification

extension Action {
  /// The endpoint a provider call action calls; `nil` for the other actions.
  var endpoint: Endpoint? {
    switch self {
    case .callInitiate: .initiate
    case .callDetails: .details
    case .listAccountsToReconcile: .listAccounts
    case .callVerify: .verify
    case .readBankLink: .bankLink
    default: nil
    }
  }
}
