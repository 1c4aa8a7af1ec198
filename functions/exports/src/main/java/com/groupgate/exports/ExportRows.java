package com.groupgate.exports;

import com.groupgate.export.ExportJob;
import com.groupgate.export.ExportTimes;
import java.util.List;
import java.util.function.Consumer;

/**
 * The rows of one export kind, read a page at a time and handed on one by one, so that
 * nothing but the current page is held, whatever the number of rows.
 */
interface ExportRows {
    /** Each row of {@code job}, in the kind's header order, times written by {@code times}. */
    void forEach(ExportJob job, ExportTimes times, Consumer<List<String>> row);
}
