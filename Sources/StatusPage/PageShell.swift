/// The document around a page's body: the refresh, the style sheet and an empty icon (so the
/// browser asks for nothing else).
struct PageShell {
  /// The document's title.
  var title: String
  /// Seconds between reloads.
  var refreshSeconds: Int

  /// `body` (HTML) inside the document.
  func wrap(_ body: String) -> String {
    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
      + "<meta http-equiv=\"refresh\" content=\"\(refreshSeconds)\">"
      + "<meta name=\"referrer\" content=\"no-referrer\">"
      + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      + "<title>\(HTML.escape(title))</title><link rel=\"icon\" href=\"data:,\">"
      + "<style>\(Self.style)</style></head><body>\(body)</body></html>"
  }

  /// The one style sheet, inline.
  static let style = """
    body{font:14px/1.4 system-ui,sans-serif;margin:1.5em auto;max-width:1100px;padding:0 1em;\
    color:#1d2430;background:#fbfbfc}\
    h1{font-size:1.5em;margin:0}h2{font-size:1.15em;margin:1.6em 0 .4em;border-bottom:1px solid #d5d9e0}\
    h3{font-size:1em;margin:1em 0 .3em}\
    table{border-collapse:collapse;margin:.3em 0}th,td{padding:.2em .7em;border-bottom:1px solid #e4e7ec;\
    text-align:left;vertical-align:top}th{font-weight:600;background:#f0f2f5}td.n,th.n{text-align:right}\
    .quiet{color:#5d6673}.cards{display:flex;flex-wrap:wrap;gap:.6em}\
    .card{border:1px solid #d5d9e0;border-radius:6px;padding:.5em .9em;background:#fff;min-width:8em}\
    .card b{display:block;font-size:1.5em}.bad{color:#b42318}.bad b{color:#b42318}.ok{color:#067647}\
    figure{margin:.4em 0}svg.chart{width:100%;max-width:720px;height:auto;background:#fff;\
    border:1px solid #e4e7ec}svg.chart text{font-size:10px;fill:#5d6673}\
    svg.chart .axis{stroke:#9aa3af}.key{margin-right:1em;white-space:nowrap}\
    .swatch{display:inline-block;width:.8em;height:.8em;margin-right:.3em;vertical-align:-1px}\
    .funnel svg{display:block}code{font-size:.95em}
    """
}
