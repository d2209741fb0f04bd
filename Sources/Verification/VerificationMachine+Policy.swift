/// The fraud screen (docs/fraud.md): a queued Finicity job is checked against the velocity rules
/// before its initiation is committed, so a hold or a refusal never follows a sent initiation.
extension VerificationMachine {
  /// Records every broken rule and acts on the most severe; returns whether the job may be
  /// initiated now.
  func screen(_ step: inout DecisionStep) -> Bool {
    guard !step.job.policyReleased, let counts = step.job.velocity else { return true }
    let hits = configuration.fraud.hits(counts)
    for hit in hits { step.record(.policyHit, code: hit.rule.rawValue, message: hit.message) }
    guard let acting = FraudPolicy.acting(hits) else { return true }
    switch acting.action {
    case .off, .observe:
      return true
    case .hold:
      step.job.policyRule = acting.rule
      step.transition(to: .held, message: "held by \(acting.rule.rawValue); nothing was sent")
      step.write(.runAt(Self.heldUntilReleased))
      return false
    case .refuse:
      step.job.policyRule = acting.rule
      step.finish(
        .refusedByPolicy, code: nil,
        message: "refused by \(acting.rule.rawValue) before anything was sent")
      return false
    }
  }

  /// A job found `held`: released jobs are initiated (not screened again); others wait.
  func heldDue(_ step: inout DecisionStep, submissions: [Submission]) {
    step.refuseAll(submissions, .notAwaitingAmounts)
    guard step.job.policyReleased else {
      step.write(.runAt(Self.heldUntilReleased))
      return
    }
    startInitiation(&step)
  }

  /// A held job's `run_at`: never due until `verifier.release` or `verifier.cancel` makes it due.
  public static let heldUntilReleased = Timestamp(secondsSinceEpoch: 253_402_300_799)  // 9999-12-31
}
