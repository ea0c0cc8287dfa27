import { type FormEvent, useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * A form that asks before it posts (`question`; none: it just posts). The question is asked by the
 * page's script, so until React has hydrated the page the form is not `ready`: posted then, it
 * would go unasked (an approval that creates paid AWS resources, a key rotation that takes a tunnel
 * down), its outcome rendered on a page that may no longer have the form. Its button waits.
 */
export function useConfirmation(question: string | undefined) {
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  return {
    ready: question === undefined || hydrated,
    onSubmit(event: FormEvent<HTMLFormElement>) {
      if (question && !window.confirm(question)) event.preventDefault();
    },
  };
}
