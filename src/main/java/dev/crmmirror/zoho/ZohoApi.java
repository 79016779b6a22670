package dev.crmmirror.zoho;

/** Sends one {@link ZohoCall}. The route-backed implementation adds retries and the rate budget. */
public interface ZohoApi {

    <T> T execute(ZohoCall<T> call);
}
