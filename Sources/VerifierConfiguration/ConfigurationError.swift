/// A configuration that cannot be used: one line per problem, each naming its key and why,
/// never a secret.
public struct ConfigurationError: Error, CustomStringConvertible {
  /// What is wrong, one problem per element.
  public let problems: [String]

  /// Creates an error with one problem.
  public init(_ description: String) { problems = [description] }

  /// Creates an error with several problems.
  public init(problems: [String]) { self.problems = problems }

  /// The problems, one per line.
  public var description: String { problems.joined(separator: "\n") }
}
