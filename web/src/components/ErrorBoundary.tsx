import { Component, type ReactNode } from "react";
import { hrefOf } from "../router";
import { PageHeading } from "./PageHeading";

/**
 * The last line against a page that throws while it renders: a message and a
 * way back instead of a blank page, and never the error itself (it may carry
 * data the person should not see as text). Following any link starts afresh.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  private readonly retry = () => this.setState({ failed: false });

  componentDidMount(): void {
    window.addEventListener("hashchange", this.retry);
  }

  componentWillUnmount(): void {
    window.removeEventListener("hashchange", this.retry);
  }

  render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <main id="main">
        <PageHeading>Something went wrong</PageHeading>
        <p>
          The portal could not show this page. <a href={hrefOf({ page: "keys" })}>Go to your keys</a>.
        </p>
      </main>
    );
  }
}
