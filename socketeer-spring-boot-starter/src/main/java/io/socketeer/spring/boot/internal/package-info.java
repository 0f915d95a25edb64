/**
 * Internals of the Spring Boot starter: binding annotated controller methods to namespaces and
 * resolving their parameters. Not an API.
 */
package io.socketeer.spring.boot.internal;
