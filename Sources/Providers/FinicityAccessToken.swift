/// The token call's answer; never printed.
struct FinicityAccessToken: Decodable, CustomStringConvertible, CustomDebugStringConvertible,
  CustomReflectable
{
  var token: String

  var description: String { "FinicityAccessToken(<secret>)" }
  var debugDescription: String { description }
  var customMirror: Mirror { Mirror(self, children: [:]) }
}
