// A small streaming XML writer: every name and value goes through escaping, and
// characters that XML 1.0 forbids are dropped, so no caller pastes markup.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace rabta::detail {

/// Text with XML-forbidden characters removed (C0 controls other than tab, LF,
/// CR; U+FFFE, U+FFFF) and &, <, >, " escaped. Input must be valid UTF-8.
std::string xml_escape(std::string_view s);

/// Appends `s` escaped as xml_escape() does.
void append_xml_escaped(std::string& out, std::string_view s);

/// Writes through its own buffer, flushed to the stream in large blocks and on
/// destruction (the writer's scope ends before the stream is checked).
class XmlWriter {
  public:
    explicit XmlWriter(std::ostream& out);
    ~XmlWriter();
    XmlWriter(const XmlWriter&) = delete;
    XmlWriter& operator=(const XmlWriter&) = delete;
    /// The declaration; call once, first.
    void declaration();
    void start(std::string_view name);
    void attr(std::string_view name, std::string_view value);
    /// Closes the start tag if open and writes escaped text.
    void text(std::string_view s);
    /// Ends the innermost element (as <x/> when empty).
    void end();
    /// Element with attributes already given and text content: <name>text</name>.
    void element(std::string_view name, std::string_view text);

  private:
    void close_start_tag(bool newline);
    void indent(std::size_t depth);
    void flush_if_full();
    std::ostream& out_;
    std::string buf_;
    std::vector<std::string> stack_;
    bool tag_open_ = false;
    bool has_text_ = false;
};

}  // namespace rabta::detail
