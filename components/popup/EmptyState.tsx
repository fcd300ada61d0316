export function EmptyState() {
  return (
    <section class="empty">
      <h1>Ask about any picture</h1>
      <p>
        Right-click a picture on a web page and choose <strong>Ask about this image</strong>. The answer appears here
        as it is written.
      </p>
      <p>
        <a href="options.html" target="_blank" rel="noopener noreferrer">
          Options: API key, server and model
        </a>
      </p>
    </section>
  );
}
