import Link from 'next/link';
import { messages } from '../universal-auth/lib/messages';

export default function NotFound() {
  return (
    <section>
      <h1 tabIndex={-1}>{messages.notFound.title}</h1>
      <p>{messages.notFound.body}</p>
      <p>
        <Link href="/">{messages.notFound.home}</Link>
      </p>
    </section>
  );
}
