// Parallel extraction with ordered writes: articles are extracted in small
// batches on up to `jobs` threads, and each (article, extraction) is handed to
// the writer on the calling thread in the order the articles were pushed. The
// store therefore sees the same sequence of writes for any number of jobs,
// and at most jobs + 1 batches are held at once, however big the corpus.
#pragma once

#include <rabta/article.h>
#include <rabta/extract.h>

#include <deque>
#include <functional>
#include <future>
#include <vector>

namespace rabta::detail {

class ExtractQueue {
  public:
    using Writer = std::function<void(const Article&, const Extraction&)>;

    /// `jobs` 0 means one per core; 1 extracts and writes each article as it is
    /// pushed, on this thread.
    ExtractQueue(const Extractor& extractor, unsigned jobs, Writer write);
    /// Waits for batches still being extracted; their results are dropped.
    ~ExtractQueue();
    ExtractQueue(const ExtractQueue&) = delete;
    ExtractQueue& operator=(const ExtractQueue&) = delete;

    void push(Article&& article);
    /// Extracts and writes everything pushed so far. An exception thrown by the
    /// extractor or the writer comes out of push() or finish().
    void finish();

  private:
    struct Batch {
        std::vector<Article> articles;
        std::future<std::vector<Extraction>> extractions;
    };
    void launch();
    void write_oldest();

    const Extractor& extractor_;
    unsigned jobs_;
    Writer write_;
    std::vector<Article> filling_;
    std::deque<Batch> running_;
};

}  // namespace rabta::detail
