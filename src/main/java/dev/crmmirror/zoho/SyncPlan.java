package dev.crmmirror.zoho;

import java.time.Instant;
import java.util.List;

/** What the pagers need to know about the run they page for (the run ledger's run implements it). */
public interface SyncPlan extends ApiMeter {

    String module();

    List<String> selectFields();

    int pageSize();

    /** Continue strictly after this position (a checkpoint), or null. */
    Cursor resumeFrom();

    /** Without a checkpoint: page from this Modified_Time on; null pages the whole module (a backfill). */
    Instant windowStart();

    /** An incremental run usually finds a handful of changes, so its first page can be a cheap small one. */
    boolean incremental();

    /** Deletions after this instant; null asks for every deletion Zoho still keeps. */
    Instant deletionsSince();

    void recordsRead(int n);
}
