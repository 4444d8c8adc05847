package dev.candor.insights;

/** What every chart's SVG starts with: its size and its accessible name and description. */
final class Svg {
  private Svg() {}

  static StringBuilder open(String id, String title, String desc, int width, int height) {
    StringBuilder svg = new StringBuilder(4_096);
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"").append(id)
        .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title ").append(id).append("-desc\"")
        .append(" width=\"").append(width).append("\" height=\"").append(height)
        .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\">")
        .append("<title id=\"").append(id).append("-title\">").append(Html.escape(title)).append("</title>")
        .append("<desc id=\"").append(id).append("-desc\">").append(Html.escape(desc)).append("</desc>");
    return svg;
  }
}
