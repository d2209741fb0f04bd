/// A small stacked bar chart as inline SVG: one bar per period (an hour), one colour per series,
/// a tooltip (`<title>`) on every segment, and a legend beside it in HTML. No script, no
/// external asset.
struct BarChart {
  /// One stacked series.
  struct Series {
    /// Its name in the legend and tooltips.
    var name: String
    /// A CSS colour.
    var color: String
  }

  /// The chart's accessible name.
  var title: String
  /// The series, bottom first.
  var series: [Series]
  /// Each bar's label and its value per series (in ``series``' order).
  var bars: [(label: String, values: [Int])]

  static let width = 720
  static let height = 150
  static let left = 44
  static let bottom = 18

  /// The chart and its legend.
  var html: String {
    let plotWidth = Double(Self.width - Self.left)
    let plotHeight = Double(Self.height - Self.bottom - 6)
    let top = max(1, bars.map { $0.values.reduce(0, +) }.max() ?? 1)
    let step = bars.isEmpty ? plotWidth : plotWidth / Double(bars.count)
    var svg =
      "<svg class=\"chart\" viewBox=\"0 0 \(Self.width) \(Self.height)\" role=\"img\""
      + " aria-label=\"\(HTML.escape(title))\" xmlns=\"http://www.w3.org/2000/svg\">"
      + "<line x1=\"\(Self.left)\" y1=\"6\" x2=\"\(Self.left)\" y2=\"\(Double(Self.height - Self.bottom))\" class=\"axis\"/>"
      + "<text x=\"\(Self.left - 4)\" y=\"14\" text-anchor=\"end\">\(top)</text>"
      + "<text x=\"\(Self.left - 4)\" y=\"\(Self.height - Self.bottom)\" text-anchor=\"end\">0</text>"
    for (index, bar) in bars.enumerated() {
      let x = Double(Self.left) + Double(index) * step
      var y = Double(Self.height - Self.bottom)
      for (value, series) in zip(bar.values, series) where value > 0 {
        let height = plotHeight * Double(value) / Double(top)
        y -= height
        svg +=
          "<rect x=\"\(format(x + 1))\" y=\"\(format(y))\" width=\"\(format(max(1, step - 2)))\""
          + " height=\"\(format(height))\" fill=\"\(series.color)\"><title>"
          + HTML.escape("\(bar.label) \(series.name): \(value)") + "</title></rect>"
      }
      if index % 6 == 0 {
        svg +=
          "<text x=\"\(format(x + step / 2))\" y=\"\(Self.height - 4)\" text-anchor=\"middle\">"
          + HTML.escape(bar.label) + "</text>"
      }
    }
    svg += "</svg>"
    let legend = series.map {
      "<span class=\"key\"><span class=\"swatch\" style=\"background:\($0.color)\"></span>"
        + HTML.escape($0.name) + "</span>"
    }.joined(separator: " ")
    return "<figure>\(svg)<figcaption>\(legend)</figcaption></figure>"
  }

  private func format(_ value: Double) -> String {
    HTML.decimal(value)
  }
}
