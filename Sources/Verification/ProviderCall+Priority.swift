extension ProviderCall {
  /// This call's class when permits are scarce, for a job in `state`.
  ///
  /// Money-moving calls and the reads that reconcile them come first; a details read of a
  /// `pending` job moves it on; one of a job awaiting amounts only watches for a late return.
  public func priority(in state: JobState) -> CallPriority {
    switch self {
    case .initiate, .verify, .findAccount, .readBankLink: .money
    case .details: state == .awaitingAmounts ? .watch : (state == .verifying ? .money : .poll)
    }
  }
}
