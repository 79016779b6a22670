package dev.crmmirror.zoho;

/** Told about every request sent to Zoho, so a run can account for the calls and API credits it spent. */
@FunctionalInterface
public interface ApiMeter {

    ApiMeter NONE = credits -> { };

    void called(int credits);
}
