// The buffers a LineStore crosses in between the decode worker and the app (lines_buffers.h).
#include "lines_buffers.h"

#include "engine/payload_error.h"

namespace portal {

const std::vector<LineColumn>& LinesTextColumns() {
    static const std::vector<LineColumn> columns = [] {
        std::vector<LineColumn> text;
        for (const LineColumnInfo& info : LineColumns())
            if (IsTextColumn(info.column)) text.push_back(info.column);
        return text;
    }();
    return columns;
}

int LinesBufferCount() {
    return kLinesNumberBuffers + 2 * static_cast<int>(LinesTextColumns().size());
}

namespace {
template <class T>
LinesBufferView View(const std::vector<T>& values) {
    return {values.data(), values.size() * sizeof(T)};
}

// Buffers 0 to kLinesNumberBuffers - 1, the store's number columns, as both sides number them:
// `use` gets the column; false for any other index.
template <class Use>
bool WithNumberColumn(LineStore& store, int index, Use&& use) {
    switch (index) {
        case 0:
            use(store.MutableNo());
            return true;
        case 1:
            use(store.MutableStartDate());
            return true;
        case 2:
            use(store.MutableEndDate());
            return true;
        case 3:
            use(store.MutableChannels());
            return true;
        default:
            return false;
    }
}
}  // namespace

LinesBufferView LinesBuffer(const LineStore& store, int index) {
    LinesBufferView view;
    auto& numbers = const_cast<LineStore&>(store);  // only read: the accessors are the mutable ones
    if (WithNumberColumn(numbers, index, [&](const auto& values) { view = View(values); })) return view;
    const int text = index - kLinesNumberBuffers;
    if (index < 0 || text / 2 >= static_cast<int>(LinesTextColumns().size())) return {};
    const StringColumn& column = store.TextColumn(LinesTextColumns()[text / 2]);
    if (text % 2 == 0) return View(column.Offsets());
    return {column.Arena().data(), column.Arena().size()};
}

LinesBufferSink::LinesBufferSink(size_t rows)
    : rows_(rows),
      given_(LinesBufferCount(), false),
      offsets_(LinesTextColumns().size()),
      texts_(LinesTextColumns().size()) {}

namespace {
// Room of no bytes still has an address: nullptr means "does not fit".
char no_room;

template <class T>
void* Sized(std::vector<T>& values, size_t rows, size_t bytes) {
    if (bytes != rows * sizeof(T)) return nullptr;
    values.resize(rows);
    return rows ? static_cast<void*>(values.data()) : &no_room;
}
}  // namespace

void* LinesBufferSink::Buffer(int index, size_t bytes) {
    void* room = nullptr;
    if (index >= 0 && index < LinesBufferCount() && !given_[index]) {
        const int text = index - kLinesNumberBuffers;
        if (WithNumberColumn(store_, index, [&](auto& values) { room = Sized(values, rows_, bytes); })) {
            // a number column: its room is sized
        } else if (text % 2 == 0) {
            room = Sized(offsets_[text / 2], rows_ + 1, bytes);
        } else {
            texts_[text / 2].resize(bytes);
            room = bytes ? texts_[text / 2].data() : &no_room;
        }
    }
    if (room == nullptr) {
        bad_ = true;
    } else {
        given_[index] = true;
    }
    return room;
}

Result<LineStore> LinesBufferSink::Take() {
    bool complete = !bad_;
    for (bool given : given_) complete = complete && given;
    for (size_t i = 0; complete && i < LinesTextColumns().size(); ++i)
        complete = store_.MutableTextColumn(LinesTextColumns()[i])
                       .Assign(std::move(offsets_[i]), std::move(texts_[i]));
    if (!complete || !store_.IsConsistent())
        return PayloadError("", "the decoded columns do not fit together");
    return std::move(store_);
}

}  // namespace portal
