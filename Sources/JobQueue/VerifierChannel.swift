/// Channels the daemon sends on (besides `verifier_jobs`, which wakes daemons).
public enum VerifierChannel {
  /// A prompt became due. Payload: JSON `{"prompt_id", "job_id", "kind", "attempts_remaining",
  /// "external_ref"}`.
  public static let prompts = "verifier_prompts"
  /// A job finished. Payload: JSON `{"job_id", "state", "outcome", "external_ref"}`.
  public static let finished = "verifier_finished"
  /// Jobs or submissions were inserted (sent by the schema's triggers).
  public static let jobs = "verifier_jobs"
}
