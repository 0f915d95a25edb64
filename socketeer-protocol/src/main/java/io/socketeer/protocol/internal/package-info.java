/** Implementation details of the codecs: not an API, may change in any release. */
package io.socketeer.protocol.internal;
