#include "export/xml_writer.h"

namespace rabta::detail {

namespace {
constexpr std::size_t kFlushAt = 1 << 16;
}  // namespace

void append_xml_escaped(std::string& out, std::string_view s) {
    // Copy runs of bytes that need nothing in one go; only ASCII controls, the
    // five specials and U+FFFE/U+FFFF (EF BF BE, EF BF BF) need a look.
    const char* p = s.data();
    const char* const end = p + s.size();
    const char* run = p;
    while (p < end) {
        const auto c = static_cast<unsigned char>(*p);
        const char* replacement = nullptr;
        std::size_t skip = 1;
        if (c >= 0x20 && c != '&' && c != '<' && c != '>' && c != '"' && c != 0xEF) {
            ++p;
            continue;
        }
        if (c == 0xEF) {
            if (end - p >= 3 && static_cast<unsigned char>(p[1]) == 0xBF &&
                (static_cast<unsigned char>(p[2]) == 0xBE ||
                 static_cast<unsigned char>(p[2]) == 0xBF)) {
                replacement = "";
                skip = 3;
            } else {
                ++p;
                continue;
            }
        } else if (c == '&') {
            replacement = "&amp;";
        } else if (c == '<') {
            replacement = "&lt;";
        } else if (c == '>') {
            replacement = "&gt;";
        } else if (c == '"') {
            replacement = "&quot;";
        } else if (c == '\r') {
            replacement = "&#13;";
        } else if (c == '\t' || c == '\n') {
            ++p;
            continue;
        } else {
            replacement = "";  // a control character XML 1.0 forbids
        }
        out.append(run, p);
        out.append(replacement);
        p += skip;
        run = p;
    }
    out.append(run, end);
}

std::string xml_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    append_xml_escaped(out, s);
    return out;
}

XmlWriter::XmlWriter(std::ostream& out) : out_(out) {
    buf_.reserve(kFlushAt + 4096);
}

XmlWriter::~XmlWriter() {
    out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
}

void XmlWriter::flush_if_full() {
    if (buf_.size() < kFlushAt) return;
    out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
}

void XmlWriter::indent(std::size_t depth) {
    buf_.append(depth * 2, ' ');
}

void XmlWriter::declaration() {
    buf_ += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
}

void XmlWriter::close_start_tag(bool newline) {
    if (!tag_open_) return;
    buf_ += '>';
    if (newline) buf_ += '\n';
    tag_open_ = false;
}

void XmlWriter::start(std::string_view name) {
    close_start_tag(true);
    flush_if_full();
    indent(stack_.size());
    buf_ += '<';
    buf_ += name;
    stack_.emplace_back(name);
    tag_open_ = true;
    has_text_ = false;
}

void XmlWriter::attr(std::string_view name, std::string_view value) {
    buf_ += ' ';
    buf_ += name;
    buf_ += "=\"";
    append_xml_escaped(buf_, value);
    buf_ += '"';
}

void XmlWriter::text(std::string_view s) {
    close_start_tag(false);
    append_xml_escaped(buf_, s);
    has_text_ = true;
}

void XmlWriter::end() {
    std::string name = std::move(stack_.back());
    stack_.pop_back();
    if (tag_open_) {
        buf_ += "/>\n";
        tag_open_ = false;
    } else {
        if (!has_text_) indent(stack_.size());
        buf_ += "</";
        buf_ += name;
        buf_ += ">\n";
    }
    has_text_ = false;
}

void XmlWriter::element(std::string_view name, std::string_view s) {
    start(name);
    close_start_tag(false);
    append_xml_escaped(buf_, s);
    buf_ += "</";
    buf_ += name;
    buf_ += ">\n";
    stack_.pop_back();
    has_text_ = false;
}

}  // namespace rabta::detail
