extension StatusBoard {
  /// The period's jobs (those enqueued in it) through the flow's four steps, with what became of
  /// those that did not reach the next step.
  public struct Funnel: Sendable, Equatable {
    /// One step: how many jobs reached it, and why those that went no further stopped.
    public struct Step: Sendable, Equatable {
      /// `enqueued`, `initiated`, `settled` or `verified`.
      public var name: String
      /// Jobs that reached the step.
      public var reached: Int
      /// Jobs that reached it and not the next, per fate (an outcome, or `still <state>`),
      /// largest first.
      public var stopped: [(fate: String, count: Int)]

      /// Creates a step.
      public init(name: String, reached: Int, stopped: [(fate: String, count: Int)]) {
        self.name = name
        self.reached = reached
        self.stopped = stopped
      }

      /// Equal when name, count and every fate match.
      public static func == (lhs: Step, rhs: Step) -> Bool {
        lhs.name == rhs.name && lhs.reached == rhs.reached
          && lhs.stopped.elementsEqual(rhs.stopped) { $0 == $1 }
      }
    }

    /// How far one group of jobs went, as the board's query counts them.
    public struct Reach: Sendable, Equatable {
      /// An initiation was sent and accepted (the job left `initiating`, or a Folio job left
      /// `queued`, for `pending` or `awaiting_amounts`).
      public var initiated: Bool
      /// The deposits settled: the job reached `awaiting_amounts`.
      public var settled: Bool
      /// The outcome, or `nil` while live.
      public var outcome: String?
      /// The state now.
      public var state: String
      /// How many jobs.
      public var count: Int

      /// Creates a group.
      public init(initiated: Bool, settled: Bool, outcome: String?, state: String, count: Int) {
        self.initiated = initiated
        self.settled = settled
        self.outcome = outcome
        self.state = state
        self.count = count
      }
    }

    /// The steps, enqueued first.
    public var steps: [Step]

    /// The funnel of `groups`: a job counts at each step it reached; one that stopped is listed
    /// under its outcome, or `still <state>` while it is live.
    public init(_ groups: [Reach]) {
      func level(_ group: Reach) -> Int {
        group.outcome == "verified" ? 3 : group.settled ? 2 : group.initiated ? 1 : 0
      }
      steps = ["enqueued", "initiated", "settled", "verified"].enumerated().map { index, name in
        var fates: [String: Int] = [:]
        for group in groups where level(group) == index && index < 3 {
          fates[group.outcome ?? "still \(group.state)", default: 0] += group.count
        }
        return Step(
          name: name,
          reached: groups.filter { level($0) >= index }.reduce(0) { $0 + $1.count },
          stopped: fates.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map {
            (fate: $0.key, count: $0.value)
          })
      }
    }
  }
}
