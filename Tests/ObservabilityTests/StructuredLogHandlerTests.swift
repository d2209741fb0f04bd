import Foundation
import Logging
import Observability
import Testing

@Suite("Structured log handler: one line per record, escaped, level live")
struct StructuredLogHandlerTests {
  static let tricky = "say \"hi\"\\ then\nnext line\r\ttab \u{01} é ✓ 😀 \u{2028}end"

  func logger(
    _ format: LogFormat, control: LogLevelControl = LogLevelControl(level: .trace),
    collector: LineCollector, timestamps: Bool = false
  ) -> Logger {
    Logger(label: "verifierd.test") { label in
      StructuredLogHandler(
        label: label, format: format, control: control, includeTimestamp: timestamps,
        sink: collector.sink)
    }
  }

  @Test("json: one object per line; message and metadata escaped and read back exactly")
  func json() throws {
    let collector = LineCollector()
    logger(.json, collector: collector).warning(
      "claim failed",
      metadata: [
        "error": "\(Self.tricky)", "jobs": "3", "level": "shadowed",
        "list": ["a", "b\"c"], "map": ["k": "v\nw"],
      ])
    let lines = collector.lines
    #expect(lines.count == 1)
    let line = try #require(lines.first)
    #expect(line.hasSuffix("}\n"))
    #expect(line.dropLast().contains("\n") == false)
    #expect(line.contains("\u{2028}") == false)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    #expect(object["level"] as? String == "warning")
    #expect(object["label"] as? String == "verifierd.test")
    #expect(object["message"] as? String == "claim failed")
    #expect(object["error"] as? String == Self.tricky)
    #expect(object["jobs"] as? String == "3")
    #expect(object["meta_level"] as? String == "shadowed")
    #expect(object["list"] as? [String] == ["a", "b\"c"])
    #expect(object["map"] as? [String: String] == ["k": "v\nw"])
    #expect(object["ts"] == nil)
  }

  @Test("json: the exact text of a simple record, keys in a fixed order")
  func jsonExact() {
    let collector = LineCollector()
    logger(.json, collector: collector).info("verifierd running", metadata: ["b": "2", "a": "1"])
    #expect(
      collector.lines == [
        #"{"level":"info","label":"verifierd.test","message":"verifierd running","a":"1","b":"2"}"#
          + "\n"
      ])
  }

  @Test("logfmt: bare words stay bare; spaces, quotes, backslashes and newlines are quoted")
  func logfmt() {
    let collector = LineCollector()
    logger(.logfmt, collector: collector).info(
      "leases lost",
      metadata: [
        "jobs": "2", "error": "a \"b\"\nc\\d", "empty": "", "eq": "x=y", "bad key": "v",
        "unicode": "é✓", "ctl": "\u{07}",
      ])
    #expect(
      collector.lines == [
        #"level=info label=verifierd.test msg="leases lost" bad_key=v ctl="\u0007" empty="" eq="x=y" error="a \"b\"\nc\\d" jobs=2 unicode=é✓"#
          + "\n"
      ])
  }

  @Test("text: level, label and message, metadata as in logfmt, newlines escaped")
  func text() {
    let collector = LineCollector()
    logger(.text, collector: collector).error("write-back failed", metadata: ["why": "x\ny"])
    #expect(collector.lines == [#"error verifierd.test: write-back failed why="x\ny""# + "\n"])
  }

  @Test("timestamps: a leading ts field when asked for")
  func timestamps() throws {
    let collector = LineCollector()
    logger(.logfmt, collector: collector, timestamps: true).info("tick")
    let line = try #require(collector.lines.first)
    #expect(line.hasPrefix("ts="))
    let stamp = String(line.dropFirst(3).prefix { $0 != " " })
    #expect(try Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(stamp) <= Date())
  }

  @Test("levels: records below the control's level are dropped; a change applies at once")
  func liveLevel() {
    let collector = LineCollector()
    let control = LogLevelControl(level: .warning)
    let log = logger(.logfmt, control: control, collector: collector)
    log.info("dropped")
    log.warning("kept")
    control.level = .debug
    log.debug("now kept")
    log.trace("still dropped")
    control.level = .error
    log.warning("dropped again")
    #expect(
      collector.lines.map { $0.split(separator: " ")[0] } == ["level=warning", "level=debug"])
  }

  @Test("levels: a logger whose level was set keeps it whatever the control says")
  func ownLevel() {
    let collector = LineCollector()
    let control = LogLevelControl(level: .info)
    var log = logger(.json, control: control, collector: collector)
    log.logLevel = .error
    control.level = .trace
    log.warning("dropped")
    log.error("kept")
    #expect(collector.lines.count == 1)
    #expect(LogLevelControl.parse("WARNING") == .warning)
    #expect(LogLevelControl.parse("loud") == nil)
  }

  @Test("metadata: the handler's own, then the record's, which wins")
  func metadataMerge() {
    let collector = LineCollector()
    var log = logger(.logfmt, collector: collector)
    log[metadataKey: "instance"] = "a"
    log[metadataKey: "job"] = "1"
    log.info("x", metadata: ["job": "2"])
    #expect(collector.lines == ["level=info label=verifierd.test msg=x instance=a job=2\n"])
  }
}
