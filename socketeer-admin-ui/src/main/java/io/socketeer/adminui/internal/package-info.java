/** The Admin UI's implementation: the observers and the event buffer. Not an API. */
package io.socketeer.adminui.internal;
