import { useNavigate } from "react-router";
import { getFragmentData, type FragmentType } from "../../generated";
import { useSession } from "../../session/session-context";
import { mergeNote } from "./merge-note";
import { CartMergeFields, SessionFields } from "./operations";

/**
 * After logIn or signUp: the guest cart was handed over with it (merged, or never to be merged), so it is forgotten;
 * the session starts; and the page the visitor came from opens, with a note when the merge left lines out.
 */
export function useFinishSignIn() {
  const { store } = useSession();
  const navigate = useNavigate();
  return async (
    session: FragmentType<typeof SessionFields>,
    merge: FragmentType<typeof CartMergeFields> | null | undefined,
    to: string,
  ) => {
    const notice = mergeNote(getFragmentData(CartMergeFields, merge));
    store.setGuestCartToken(null);
    store.set(getFragmentData(SessionFields, session));
    await navigate(to, { state: notice ? { notice } : null });
  };
}
