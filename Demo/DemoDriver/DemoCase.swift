import JobQueue

/// What one demo input is and what it must end as.
struct DemoCase: Sendable {
  /// A short name, also the customer's behaviour (see ``DemoCustomer``).
  var name: String
  /// `finicity` or `folio`.
  var provider: String
  /// The account number's last four digits (Finicity magic inputs), or nil.
  var suffix: String?
  /// How the customer answers: `right`, `wrong1`, `wrong2`, `never`, `silent`.
  var behaviour: String
  /// The customer id prefix (`404` makes the provider answer 14001).
  var customerPrefix = "demo"
  /// Folio: the bank link's owner login, when not the usual one (`no-money-mover`: refused).
  var folioOwner: String?
  /// The state the job must end in.
  var expected: String
}
