// Line-level cleaning shared by the page and JSON Lines readers.
#pragma once

#include <rabta/article.h>
#include <rabta/boilerplate.h>
#include <rabta/text.h>

#include <string_view>
#include <vector>

namespace rabta::detail {

struct Line {
    Span span;  ///< without the line break (and without a trailing '\r')
    LineVerdict verdict;
};

/// Splits text into lines and classifies each with the boilerplate rules;
/// `folded` is fold(text), read for every line instead of folding it again.
std::vector<Line> classify_lines(std::string_view text,
                                 const FoldedText& folded,
                                 const Boilerplate& boilerplate);

/// True when the line (folded) looks like a headline of a related-links block:
/// no sentence-final punctuation and not longer than `max_bytes`.
bool headline_like(std::string_view folded_line, std::size_t max_bytes);

/// Content regions of lines[from, to): drops boilerplate lines and related-link
/// blocks (a drop_block line and the headline-like lines under it). A split_story
/// line whose block has no body paragraph is a link list and is dropped too.
/// `dropped` counts the non-blank lines removed.
std::vector<Span> content_regions(std::string_view text,
                                  const FoldedText& folded,
                                  const std::vector<Line>& lines,
                                  std::size_t from,
                                  std::size_t to,
                                  const Boilerplate& boilerplate,
                                  std::uint32_t& dropped);

/// Where the second story starts: the index of a split_story line followed by a
/// body paragraph, or lines.size().
std::size_t find_story_split(std::string_view text,
                             const std::vector<Line>& lines,
                             std::size_t from,
                             const Boilerplate& boilerplate);

/// Looks for a dateline at the start of `region` (a span of a.text, read in
/// a.folded when the reader made it): when found,
/// fills a.dateline and a.agency, and a.outlet and a.published where still empty,
/// and moves the region's start past it. Returns whether one was found.
bool take_dateline(Article& a, Span& region, const Boilerplate& boilerplate);

}  // namespace rabta::detail
