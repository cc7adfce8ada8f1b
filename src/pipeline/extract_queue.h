// Parallel parsing and extraction with ordered results: input records are
// parsed and their articles extracted in small batches by a fixed pool of
// `jobs` threads (started at the first batch, so a no-op rebuild starts none),
// and every problem and every (article, extraction) is handed back on the
// calling thread in input order. The store therefore sees the same sequence of
// writes and problems for any number of jobs. At most kInFlight batches per
// thread are held at once, however big the corpus: enough that a worker done
// with its batch finds the next one queued while the oldest is handed over.
#pragma once

#include <rabta/article.h>
#include <rabta/boilerplate.h>
#include <rabta/extract.h>

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace rabta::detail {

class ExtractQueue {
  public:
    using Writer = std::function<void(Article&, const Extraction&)>;
    /// A record marked Record::known: not parsed, handed over in its place.
    using KnownHandler = std::function<void(const Record&)>;
    /// A record parsed here that gave no article (bad, or no story text), with
    /// the problems it gave, after they were handed over.
    using NoArticles = std::function<void(const Record&, const std::vector<InputError>&)>;

    /// `jobs` 0 means one per core; 1 parses, extracts and hands over each
    /// record as it is pushed, on this thread.
    /// Articles longer than `max_article_bytes` become problems, unextracted.
    ExtractQueue(const Extractor& extractor,
                 const Boilerplate& boilerplate,
                 std::size_t max_article_bytes,
                 unsigned jobs,
                 Writer write,
                 ProblemSink problems,
                 KnownHandler known = {},
                 NoArticles no_articles = {});
    /// Stops the pool once the batches being worked on are done; every result
    /// not handed over is dropped.
    ~ExtractQueue();
    ExtractQueue(const ExtractQueue&) = delete;
    ExtractQueue& operator=(const ExtractQueue&) = delete;

    void push(Record&& record);
    /// A problem found while reading (a file that cannot be opened): handed over
    /// in its place among the records.
    void push(const InputError& problem);
    /// Hands over everything pushed so far. An exception thrown by the
    /// extractor, the writer or the problem sink comes out of push() or finish().
    void finish();
    /// Records parsed so far (not marked known).
    std::size_t parsed() const { return parsed_; }

  private:
    struct Item {
        std::optional<Record> record;       ///< or
        std::optional<InputError> problem;  ///< from reading
    };
    struct Done {
        Parsed parsed;
        std::vector<Extraction> extractions;  ///< one per parsed article
    };
    struct Batch {
        std::vector<Item> items;
        std::vector<Done> done;  ///< filled by a worker; read once `ready`
        std::exception_ptr error;
        bool ready = false;  ///< guarded by mutex_
    };
    Done work(const Item& item) const;
    void hand_over(const Item& item, Done& done);
    void launch();
    void hand_over_oldest();
    void worker();

    const Extractor& extractor_;
    const Boilerplate& boilerplate_;
    std::size_t max_article_bytes_;
    unsigned jobs_;
    Writer write_;
    ProblemSink problems_;
    KnownHandler known_;
    NoArticles no_articles_;
    std::size_t parsed_ = 0;
    std::vector<Item> filling_;
    std::deque<std::unique_ptr<Batch>> running_;  ///< in input order; owned here
    std::mutex mutex_;
    std::condition_variable queued_;    ///< unclaimed_ grew, or stopping_
    std::condition_variable finished_;  ///< a batch became ready
    std::deque<Batch*> unclaimed_;      ///< not yet taken by a worker
    bool stopping_ = false;
    std::vector<std::thread> pool_;
};

}  // namespace rabta::detail
