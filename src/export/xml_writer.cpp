#include "export/xml_writer.h"

#include "util/utf8.h"

namespace rabta::detail {

std::string xml_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t at = i;
        char32_t cp = next_cp(s, i);
        if ((cp < 0x20 && cp != 0x09 && cp != 0x0A && cp != 0x0D) || cp == 0xFFFE || cp == 0xFFFF)
            continue;
        switch (cp) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\r':
                out += "&#13;";
                break;
            default:
                out.append(s.substr(at, i - at));
        }
    }
    return out;
}

XmlWriter::XmlWriter(std::ostream& out) : out_(out) {}

void XmlWriter::declaration() {
    out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
}

void XmlWriter::close_start_tag(bool newline) {
    if (!tag_open_) return;
    out_ << '>';
    if (newline) out_ << '\n';
    tag_open_ = false;
}

void XmlWriter::start(std::string_view name) {
    close_start_tag(true);
    out_ << std::string(stack_.size() * 2, ' ') << '<' << name;
    stack_.emplace_back(name);
    tag_open_ = true;
    has_text_ = false;
}

void XmlWriter::attr(std::string_view name, std::string_view value) {
    out_ << ' ' << name << "=\"" << xml_escape(value) << '"';
}

void XmlWriter::text(std::string_view s) {
    close_start_tag(false);
    out_ << xml_escape(s);
    has_text_ = true;
}

void XmlWriter::end() {
    std::string name = std::move(stack_.back());
    stack_.pop_back();
    if (tag_open_) {
        out_ << "/>\n";
        tag_open_ = false;
    } else {
        if (!has_text_) out_ << std::string(stack_.size() * 2, ' ');
        out_ << "</" << name << ">\n";
    }
    has_text_ = false;
}

void XmlWriter::element(std::string_view name, std::string_view s) {
    start(name);
    close_start_tag(false);
    out_ << xml_escape(s);
    out_ << "</" << name << ">\n";
    stack_.pop_back();
    has_text_ = false;
}

}  // namespace rabta::detail
